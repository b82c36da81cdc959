// The signed-in actor of a 组织关系转接 route (every route declares transfer.write, so the platform has refused
// anyone without it with a 403 before this runs).
import type { Actor } from '../../platform/access/actor.js';
import { actorOf } from '../../platform/context.js';

export const moduleActor = (request: Parameters<typeof actorOf>[0]): Actor => actorOf(request);
