// A contract as a URL: the source, deflated (CompressionStream, in every current browser and
// Node 20), in base64url after `#src=`. The fragment never reaches a server, so sharing a
// contract sends it nowhere but to the person who opens the link.
const PREFIX = 'src=';

export async function encodeShare(source: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(source), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

/** The source in a `#src=...` fragment; null when the fragment holds none; throws when it is damaged. */
export async function decodeShare(hash: string): Promise<string | null> {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(PREFIX)) return null;
  const packed = fromBase64Url(h.slice(PREFIX.length));
  let bytes: Uint8Array;
  try {
    bytes = await pipe(packed, new DecompressionStream('deflate-raw'));
  } catch {
    throw new Error('the shared link is damaged (its contract does not decompress)');
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

async function pipe(data: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([data as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new Error('the shared link is damaged (not base64url)');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
