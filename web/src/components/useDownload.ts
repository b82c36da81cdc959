// A download button's state: the file answer (xlsx export, docx 台账) goes through the browser's save
// dialog, the button spins meanwhile, and a refusal shows the server's Chinese message.
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { download, errorMessage, type Query } from '../api/client';

/** `start` with a `body` downloads by POST (see `download`). */
export function useDownload(): {
  downloading: boolean;
  start: (url: string, query: Query | undefined, fileName: string, body?: unknown) => Promise<void>;
} {
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const start = useCallback(
    async (url: string, query: Query | undefined, fileName: string, body?: unknown) => {
      setDownloading(true);
      try {
        await download(url, query, fileName, body);
      } catch (e) {
        void message.error(errorMessage(e));
      } finally {
        setDownloading(false);
      }
    },
    [message],
  );
  return { downloading, start };
}
