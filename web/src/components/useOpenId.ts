// The record a page shows in its drawer, kept in the address (`?id=…`) so that links from 待办, notifications
// and other modules open it directly, and the browser's back button closes it.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export function useOpenId(name = 'id'): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const setOpen = useCallback(
    (id: string | null) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (id) next.set(name, id);
        else next.delete(name);
        return next;
      }),
    [name, setParams],
  );
  return [params.get(name), setOpen];
}
