// The signed-in actor of a 大屏 management route (each declares display.manage, so the platform has refused anyone
// without it with a 403 before this runs). The screen's own route has no actor: see policy.ts screenActor.
import type { Actor } from '../../platform/access/actor.js';
import { actorOf } from '../../platform/context.js';

export const moduleActor = (request: Parameters<typeof actorOf>[0]): Actor => actorOf(request);
