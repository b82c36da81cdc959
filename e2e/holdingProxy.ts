// A pass-through HTTP proxy in front of the test server that can hold back the answers to chosen requests:
// the request body still reaches the server at full speed (so the browser's upload completes), but the page
// sees no answer until the test releases it. Lets a test look at a page while "the server is working".
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  baseUrl: string;
  /** From now on, answers to matching requests wait for release(). */
  hold: (match: (req: IncomingMessage) => boolean) => void;
  /** Sends the held answers and stops holding. */
  release: () => void;
  close: () => Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let matcher: ((req: IncomingMessage) => boolean) | null = null;
  let waiting: (() => void)[] = [];
  const server = createServer((req, res) => {
    const held = matcher?.(req) ?? false;
    // The Host header stays the proxy's, so the server's same-origin check sees the page's own origin.
    const up = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const forward = () => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        // Released meanwhile (the server can be slower than the test): no more holding.
        if (held && matcher) waiting.push(forward);
        else forward();
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hold: (match) => {
      matcher = match;
    },
    release: () => {
      matcher = null;
      const go = waiting;
      waiting = [];
      for (const f of go) f();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
