// The signed-in actor of a 党费 route, refused (403) unless they may use the module at all (policy.ts checkMayUse).
import type { Actor } from '../../platform/access/actor.js';
import { actorOf } from '../../platform/context.js';
import { checkMayUse } from './policy.js';

export function moduleActor(request: Parameters<typeof actorOf>[0]): Actor {
  const actor = actorOf(request);
  checkMayUse(actor);
  return actor;
}
