// The server's request and answer shapes, taken from the types generated from its OpenAPI document
// (schema.gen.ts, rewritten by `npm run gen:api`; the server suite fails when it is stale). Never copy a
// server shape by hand: name it here or in a module's types.ts as an alias of a route's answer or body.
import type { components, paths } from './schema.gen';

/** A route of the API, e.g. '/api/v1/tasks/{id}'. */
export type ApiPath = keyof paths;
type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
/** The methods a route answers. */
export type ApiMethod<P extends ApiPath> = { [M in HttpMethod]-?: undefined extends paths[P][M] ? never : M }[HttpMethod];
type Operation<P extends ApiPath, M extends ApiMethod<P>> = NonNullable<paths[P][M]>;
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Responses<P extends ApiPath, M extends ApiMethod<P>> = Operation<P, M>['responses'];

/** The JSON a route answers with (its 200 or 201 response). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P> = ApiMethod<P> & 'get'> = JsonContent<
  Responses<P, M>[keyof Responses<P, M> & (200 | 201)]
>;
/** The JSON body a route accepts. */
export type ApiRequest<P extends ApiPath, M extends ApiMethod<P>> = JsonContent<NonNullable<Operation<P, M>['requestBody']>>;
/** A schema the server names (`.meta({ id })`); answers use the name, request bodies the name + 'Input'. */
export type ApiSchema<N extends keyof components['schemas']> = components['schemas'][N];
/** One row of a route's `items`. */
export type ApiItem<P extends ApiPath, M extends ApiMethod<P> = ApiMethod<P> & 'get'> =
  ApiResponse<P, M> extends { items: (infer T)[] } ? T : never;

/** An ISO-8601 UTC instant, e.g. "2026-11-27T03:51:00.000Z". Display with formatInstant(). */
export type Instant = string;

/** The paging envelope of list routes (platform/http paging), for pages generic over their rows. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Items<T> {
  items: T[];
}

// --- Platform: session, accounts, access, audit ---

export type OrgKind = ApiItem<'/api/v1/orgs/tree'>['kind'];

export type Me = ApiResponse<'/api/v1/auth/me'>;
export type SessionInfo = ApiItem<'/api/v1/auth/sessions'>;

/** An organisation of the tree (GET /orgs/tree). */
export type Org = ApiItem<'/api/v1/orgs/tree'>;
/** An organisation as the grant screens list it (GET /admin/orgs). */
export type AdminOrg = ApiItem<'/api/v1/admin/orgs'>;

export type AdminUser = ApiItem<'/api/v1/admin/users'>;
export type Permission = ApiItem<'/api/v1/admin/permissions'>;
export type Role = ApiItem<'/api/v1/admin/roles'>;
export type Separation = NonNullable<Role['separation']>;
export type Grant = ApiItem<'/api/v1/admin/grants'>;
export type Grantee = ApiItem<'/api/v1/admin/grantees'>;
export type SecuritySettings = ApiResponse<'/api/v1/settings/security'>;
export type AuditEntry = ApiItem<'/api/v1/audit'>;
export type AuditVerifyResult = ApiResponse<'/api/v1/audit/verify'>;

// --- People: units, staff, members (docs/api/people.md) ---

export type Unit = ApiItem<'/api/v1/units'>;
export type Staff = ApiItem<'/api/v1/staff'>;
export type Member = ApiItem<'/api/v1/members'>;
export type MemberEvent = ApiItem<'/api/v1/members/{id}/history'>;
