/**
 * ER diagrams rendered for real, in Debian's Chromium driven headless by playwright-core, for
 * every schema example and for a schema of odd names, all produced by the compiled binary copied
 * alone into an empty folder:
 *
 * - Mermaid: `schemavc erd` text rendered by the `mermaid` package itself inside the page
 *   (`mermaid.render`); no error, and every table is a label of the SVG it draws.
 * - SVG: `schemavc erd --format svg -o FILE.svg` opened as a document; it parses as SVG, every
 *   table and column name is the text of a `<text>` element, and a PNG screenshot of it is not
 *   blank (decoded back to pixels in the browser: enough ink, several colours, the header blue).
 *
 * The browser comes from `scripts/chromium.sh` (`bun run test` runs it). Without it the tests
 * skip with a SKIPPED line, except under CI=true, where they fail. ERD_RENDER_KEEP=1 keeps the
 * SVGs and screenshots.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadSchemaPath } from "../../src/dsl/load.ts";

const ROOT = join(import.meta.dir, "../..");
const DIST = join(ROOT, "dist/schemavc");
const EXAMPLES = join(ROOT, "schema-examples");
const MERMAID_JS = join(ROOT, "node_modules/mermaid/dist/mermaid.min.js");
/** Debian's Chromium; SCHEMAVC_TEST_CHROMIUM points elsewhere (e.g. to check the CI failure). */
const CHROMIUM = process.env["SCHEMAVC_TEST_CHROMIUM"] ?? "/usr/bin/chromium";
const CI = process.env["CI"] === "true";
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !CI)
  console.warn(`SKIPPED erd-render: ${CHROMIUM} is missing (run \`bash scripts/chromium.sh\` as root)`);

/** A schema whose names are markup, quotes and spaces: escaping must survive both renderers. */
const ODD_SCHEMA =
  'table "line items" {\n  "my col" int primary key\n  "x""y" text?\n}\n' +
  'table "a&b <c>" {\n  id int primary key\n  li int? references "line items"("my col")\n}\n';

/**
 * The browser APIs the functions run inside the page use. The project's typecheck has no DOM
 * library (src must not see one), so each page function casts `globalThis` to this.
 */
interface PageElement {
  readonly children: { readonly length: number };
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  getBoundingClientRect(): { readonly width: number; readonly height: number };
}
interface PageDocument {
  readonly documentElement: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  readonly document: PageDocument;
  readonly DOMParser: new () => { parseFromString(text: string, type: string): PageDocument };
  createImageBitmap(blob: Blob): Promise<{ readonly width: number; readonly height: number }>;
  readonly OffscreenCanvas: new (
    width: number,
    height: number,
  ) => {
    getContext(kind: "2d"): {
      drawImage(image: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { readonly data: Uint8ClampedArray };
    } | null;
  };
  readonly mermaid: {
    initialize(config: object): void;
    render(id: string, text: string): Promise<{ svg: string }>;
  };
}

interface Case {
  readonly name: string;
  readonly path: string;
  readonly tables: string[];
  readonly columns: string[];
  /** `schemavc erd PATH`'s output. */
  mermaid: string;
  /** Where `schemavc erd --format svg -o FILE PATH` wrote the picture. */
  readonly svgFile: string;
}

let dir: string;
let bin: string;
let browser: Browser;
let mermaidPage: Page;
const cases: Case[] = [];

/** Runs the binary (the runs overlap: each is a process of its own); resolves to its stdout. */
async function run(...args: string[]): Promise<string> {
  const p = Bun.spawn([bin, ...args], {
    cwd: dir,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: "/usr/bin:/bin", HOME: dir, NO_COLOR: "1", TMPDIR: tmpdir() },
  });
  const [out, err, code] = await Promise.all([
    new Response(p.stdout).text(),
    new Response(p.stderr).text(),
    p.exited,
  ]);
  if (code !== 0) throw new Error(`schemavc ${args.join(" ")} exited ${code}: ${err}`);
  return out;
}

/** A page with the `mermaid` package loaded from node_modules (a file URL: faster than injecting 5 MB). */
async function mermaidPageOf(b: Browser): Promise<Page> {
  const html = join(dir, "mermaid.html");
  writeFileSync(
    html,
    `<!doctype html><html><body><script src="${pathToFileURL(MERMAID_JS).href}"></script></body></html>`,
  );
  const page = await b.newPage();
  await page.goto(pathToFileURL(html).href);
  await page.evaluate(() =>
    (globalThis as unknown as PageGlobals).mermaid.initialize({ startOnLoad: false }),
  );
  return page;
}

describe.skipIf(!haveChromium && !CI)("ER diagrams in Chromium", () => {
  beforeAll(async () => {
    if (!haveChromium)
      throw new Error(
        `${CHROMIUM} is missing: run \`bash scripts/chromium.sh\` (CI=true, so this fails instead of skipping)`,
      );
    if (!existsSync(DIST)) throw new Error("dist/schemavc is missing: run `bun run build` first");
    dir = mkdtempSync(join(tmpdir(), "erd-render-"));
    bin = join(dir, "schemavc");
    copyFileSync(DIST, bin);
    chmodSync(bin, 0o755);
    mkdirSync(join(dir, "odd"));
    writeFileSync(join(dir, "odd", "odd.schema"), ODD_SCHEMA);
    const paths = [
      ...readdirSync(EXAMPLES)
        .sort()
        .map((e) => [e, join(EXAMPLES, e)] as const),
      ["odd names", join(dir, "odd")] as const,
    ];
    for (const [name, path] of paths) {
      const { schema } = await loadSchemaPath(path, path);
      const svgFile = join(dir, `${name.replace(/\W+/g, "_")}.svg`);
      cases.push({
        name,
        path,
        svgFile,
        mermaid: "",
        tables: schema.tables.map((t) => t.name),
        columns: schema.tables.flatMap((t) => t.columns.map((c) => c.name)),
      });
    }
    // The binary's runs and the browser's start overlap.
    // --no-sandbox: the tests run as root in a container, where Chromium's sandbox cannot start.
    const started = chromium
      .launch({ executablePath: CHROMIUM, args: ["--no-sandbox"], timeout: 30_000 })
      .then(async (b) => {
        browser = b;
        mermaidPage = await mermaidPageOf(b);
      });
    await Promise.all([
      ...cases.map(async (c) => {
        c.mermaid = await run("erd", c.path);
      }),
      ...cases.map((c) => run("erd", "--format", "svg", "-o", c.svgFile, c.path)),
      started,
    ]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    // ERD_RENDER_KEEP=1 keeps the folder (the SVGs and their PNG screenshots) to look at.
    if (dir && !process.env["ERD_RENDER_KEEP"]) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`erd-render: the SVGs and screenshots are in ${dir}`);
  });

  // The cases are known only once beforeAll has read the examples, so one test per renderer
  // walks them all (the failure names the case).
  test("mermaid renders `schemavc erd` of every example; every table is a label", async () => {
    expect(cases.length).toBe(readdirSync(EXAMPLES).length + 1);
    const errors: string[] = [];
    mermaidPage.on("pageerror", (e) => errors.push(e.message));
    for (const [i, c] of cases.entries()) {
      const text = c.mermaid;
      const result = await mermaidPage.evaluate(
        async ({ text, id }) => {
          const web = globalThis as unknown as PageGlobals;
          try {
            const { svg } = await web.mermaid.render(id, text);
            const doc = new web.DOMParser().parseFromString(svg, "image/svg+xml");
            // Labels are leaf elements (a <text>, or a <p>/<span> inside a foreignObject).
            const labels = [...doc.querySelectorAll("*")]
              .filter((e) => e.children.length === 0 && e.localName !== "style")
              .map((e) => (e.textContent ?? "").trim())
              .filter(Boolean);
            return {
              ok: true as const,
              labels,
              parseError: doc.querySelector("parsererror") !== null,
              bytes: svg.length,
            };
          } catch (e) {
            return { ok: false as const, error: String(e) };
          }
        },
        { text, id: `d${i}` },
      );
      if (!result.ok)
        throw new Error(`${c.name}: mermaid could not render the diagram: ${result.error}\n${text}`);
      expect({ case: c.name, parseError: result.parseError }).toEqual({ case: c.name, parseError: false });
      for (const t of c.tables)
        expect({ case: c.name, table: t, found: result.labels.includes(t) }).toEqual({
          case: c.name,
          table: t,
          found: true,
        });
      // No error picture, and no entity code left undecoded (Mermaid's placeholders are ﬂ°…¶ß).
      expect({ case: c.name, bad: result.labels.filter((l) => /syntax error|ﬂ°|¶ß/i.test(l)) }).toEqual({
        case: c.name,
        bad: [],
      });
    }
    expect(errors).toEqual([]);
  }, 60_000);

  test("`schemavc erd --format svg` of every example opens as SVG with every name as text, and its screenshot is not blank", async () => {
    const page = await browser.newPage();
    const pixels = await browser.newPage();
    try {
      for (const c of cases) {
        const file = c.svgFile;
        await page.goto(pathToFileURL(file).href);
        const doc = await page.evaluate(() => {
          const { document } = globalThis as unknown as PageGlobals;
          const root = document.documentElement;
          const box = root.getBoundingClientRect();
          return {
            root: `${root.namespaceURI} ${root.localName}`,
            parseError: document.querySelector("parsererror") !== null,
            texts: [...document.querySelectorAll("text")].map((t) => t.textContent ?? ""),
            width: Math.ceil(box.width),
            height: Math.ceil(box.height),
          };
        });
        expect({ case: c.name, root: doc.root, parseError: doc.parseError }).toEqual({
          case: c.name,
          root: "http://www.w3.org/2000/svg svg",
          parseError: false,
        });
        for (const name of [...c.tables, ...c.columns])
          expect({ case: c.name, name, found: doc.texts.includes(name) }).toEqual({
            case: c.name,
            name,
            found: true,
          });

        // The whole picture in the viewport (a full-page screenshot of a bare SVG document
        // never finishes in Chromium), then the PNG decoded back to pixels.
        expect(doc.width).toBeGreaterThan(100);
        expect(doc.height).toBeGreaterThan(50);
        await page.setViewportSize({ width: doc.width, height: doc.height });
        const png = await page.screenshot({ type: "png", path: file.replace(/\.svg$/, ".png") });
        const stats = await pixels.evaluate(async (b64) => {
          const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
          const web = globalThis as unknown as PageGlobals;
          const bitmap = await web.createImageBitmap(blob);
          const canvas = new web.OffscreenCanvas(bitmap.width, bitmap.height);
          const g = canvas.getContext("2d")!;
          g.drawImage(bitmap, 0, 0);
          const data = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
          let ink = 0,
            dark = 0,
            header = 0,
            colours = 0;
          // Colours counted at 4 bits per channel, so anti-aliasing does not inflate the count.
          const seen = new Uint8Array(4096);
          for (let i = 0; i < data.length; i += 4) {
            const r = data[i]!,
              gr = data[i + 1]!,
              bl = data[i + 2]!;
            if (r < 240 || gr < 240 || bl < 240) ink++;
            if (r + gr + bl < 240) dark++;
            // The table headers' blue (#2b5a8a), give or take anti-aliasing.
            if (Math.abs(r - 0x2b) < 12 && Math.abs(gr - 0x5a) < 12 && Math.abs(bl - 0x8a) < 12) header++;
            const q = ((r >> 4) << 8) | ((gr >> 4) << 4) | (bl >> 4);
            if (!seen[q]) {
              seen[q] = 1;
              colours++;
            }
          }
          return {
            width: bitmap.width,
            height: bitmap.height,
            total: data.length / 4,
            ink,
            dark,
            header,
            colours,
          };
        }, png.toString("base64"));
        expect({ case: c.name, width: stats.width, height: stats.height }).toEqual({
          case: c.name,
          width: doc.width,
          height: doc.height,
        });
        // Not blank, not a solid fill: some ink (lines, text, headers) on a mostly white page.
        expect({
          case: c.name,
          inkShare: stats.ink / stats.total > 0.03 && stats.ink / stats.total < 0.8,
        }).toEqual({ case: c.name, inkShare: true });
        expect({ case: c.name, text: stats.dark > 200 }).toEqual({ case: c.name, text: true });
        // A header bar per table, at least 8×20 pixels each.
        expect({ case: c.name, headers: stats.header > c.tables.length * 160 }).toEqual({
          case: c.name,
          headers: true,
        });
        expect({ case: c.name, colours: stats.colours >= 6 }).toEqual({ case: c.name, colours: true });
      }
    } finally {
      await page.close();
      await pixels.close();
    }
  }, 120_000);
});
