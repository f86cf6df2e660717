/**
 * SHA-256 of a text or bytes, as base64 or hex. Bun's native hasher where there is Bun: loading
 * `node:crypto` costs ~10 ms of every command's start in the binary (issue 19, fixed cost);
 * `node:crypto` on Node (the npm package), loaded only there. Both give the same digest.
 */
type Encoding = "base64" | "hex";
type Sha256 = (data: string | Uint8Array, encoding: Encoding) => string;

const sha256Impl: Sha256 =
  typeof Bun !== "undefined"
    ? (data, encoding) => new Bun.CryptoHasher("sha256").update(data).digest(encoding)
    : await (async () => {
        const { createHash } = await import("node:crypto");
        return (data: string | Uint8Array, encoding: Encoding) =>
          createHash("sha256").update(data).digest(encoding);
      })();

export const sha256 = (data: string | Uint8Array, encoding: Encoding): string => sha256Impl(data, encoding);
