/** Helpers for dialect validation: diagnostics located at the node that cannot be expressed. */
import type { Loc, SourceInfo } from "../../ir/model.ts";
import type { Diagnostic } from "../../ir/diagnostics.ts";
import { locOf } from "../../ir/validate.ts";

export const dialectError = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => ({
  severity: "error",
  code,
  message,
  ...withLoc(locOf(src, part)),
  ...(hint ? { hint } : {}),
});

export const dialectWarning = (
  code: string,
  message: string,
  src: SourceInfo | undefined,
  hint?: string,
  part?: string,
): Diagnostic => ({
  severity: "warning",
  code,
  message,
  ...withLoc(locOf(src, part)),
  ...(hint ? { hint } : {}),
});

const withLoc = (loc: Loc | undefined) => (loc ? { loc } : {});
