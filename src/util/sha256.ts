/**
 * SHA-256 of a text or bytes, as base64 or hex. Bun's native hasher where there is Bun: loading
 * `node:crypto` costs ~10 ms of every command's start in the binary (issue 19, fixed cost);
 * `node:crypto` on Node (the npm package), loaded there on first use. Both give the same digest.
 *
 * Synchronous all through (no top-level await): modules that load this one may themselves be
 * loaded by a synchronous `require` (the parser's, src/dsl/cst-parse.ts), which a module with a
 * top-level await cannot be.
 */
import { createRequire } from "node:module";

type Encoding = "base64" | "hex";
type Sha256 = (data: string | Uint8Array, encoding: Encoding) => string;

let nodeHash: typeof import("node:crypto").createHash | undefined;

const sha256Impl: Sha256 =
  typeof Bun !== "undefined"
    ? (data, encoding) => new Bun.CryptoHasher("sha256").update(data).digest(encoding)
    : (data, encoding) => {
        nodeHash ??= (createRequire(import.meta.url)("node:crypto") as typeof import("node:crypto"))
          .createHash;
        return nodeHash("sha256").update(data).digest(encoding);
      };

export const sha256 = (data: string | Uint8Array, encoding: Encoding): string => sha256Impl(data, encoding);
