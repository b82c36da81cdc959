// 我的: the signed-in person's own record and every module's section about them (GET /me/overview), who they are
// (GET /me, for the home page's greeting) and the audited reveal of their own 身份证号 and phone.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiResponse } from '../../api/types';

export type Overview = ApiResponse<'/api/v1/me/overview'>;
export type Section = Overview['sections'][number];
export type Who = ApiResponse<'/api/v1/me'>;
export interface Revealed { idNumber: string; phone: string | null; address: string | null }

export const useOverview = () => useQuery({ queryKey: ['me', 'overview'], queryFn: ({ signal }) => api.get<Overview>('/api/v1/me/overview', undefined, signal) });
export const useWho = (enabled: boolean) => useQuery({ queryKey: ['me', 'who'], enabled, queryFn: ({ signal }) => api.get<Who>('/api/v1/me', undefined, signal) });
export const revealMine = () => api.post<Revealed>('/api/v1/me/reveal');
