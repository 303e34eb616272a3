// Sends one file as multipart/form-data (field "file") with a signed-in session, as the console's upload forms do.
import type { FastifyInstance } from 'fastify';
import type { SignedIn } from './test-app.ts';

/** POSTs `content` as the file `filename` to `url`. */
export function uploadAs(app: FastifyInstance, who: SignedIn, url: string, filename: string, content: Buffer) {
  const boundary = '----civicdesk' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: who.cookie,
      'x-csrf-token': who.csrfToken,
    },
  });
}
