// Tenants: one per 党委. The platform tenant is fixed and owns entries that belong to no committee.
export const SYSTEM_TENANT_ID = '00000000-0000-7000-8000-000000000000';
