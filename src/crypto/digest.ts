/** SHA-256 of a text, as base64: a content digest (the audit chain's, db/audit-log.ts). */
import { toBase64, utf8 } from './bytes';

export async function sha256Base64(text: string): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}
