// Data hooks of the course and study pages; one cache prefix so a heartbeat or an edit refreshes every view.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { courseUrl, materialUrl, MY_COURSES_URL, type CourseDetail, type MaterialDetail, type MyCourses } from './courseTypes';

export const COURSE_KEY = ['training', 'courses'] as const;

export function useMyCourses() {
  return useQuery({ queryKey: [...COURSE_KEY, 'mine'], queryFn: ({ signal }) => api.get<MyCourses>(MY_COURSES_URL, undefined, signal) });
}

export function useMaterial(id: string) {
  return useQuery({ queryKey: [...COURSE_KEY, 'material', id], queryFn: ({ signal }) => api.get<MaterialDetail>(materialUrl(id), undefined, signal), enabled: !!id });
}

export function useCourse(id: string | null) {
  return useQuery({ queryKey: [...COURSE_KEY, 'course', id], queryFn: ({ signal }) => api.get<CourseDetail>(courseUrl(id!), undefined, signal), enabled: !!id });
}

export function useRefreshCourses() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: COURSE_KEY });
}
