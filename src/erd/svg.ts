/**
 * DOT → SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`), so the diagram is
 * laid out by the real `dot` engine without a Graphviz installation.
 *
 * The package carries its wasm inside its JavaScript (no separate .wasm file to find at run
 * time), so it works from the single compiled binary with no node_modules. It is imported on
 * first use only: the module is about 800 kB and compiling the wasm takes a few hundred
 * milliseconds, which no other command should pay for.
 */

/** The part of the package's module we read after a layout (not in its public typings). */
interface GraphvizModule {
  readonly CGraphviz?: { lastError?: () => string };
}

/** Lays out a DOT graph with the `dot` engine and returns a standalone SVG document. */
export async function renderSvg(dot: string): Promise<string> {
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  let svg: string;
  try {
    svg = graphviz.layout(dot, "svg", "dot");
  } catch (e) {
    // Only a bug in the DOT writer gets here: the DOT text is generated, never user-written.
    throw new Error(`Graphviz could not lay out the diagram: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Graphviz does not fail on a label it cannot parse: it reports it (`in label of node
  // users`) and draws the node empty. The package throws only when there is no output at all,
  // so its last error is read here, and a diagram with a lost table is an error, not a picture.
  const module = (graphviz as unknown as { _module?: GraphvizModule })._module;
  const problem = module?.CGraphviz?.lastError?.().trim();
  if (problem) throw new Error(`Graphviz rejected the diagram (${problem.replace(/\s+/g, " ")})`);
  if (!svg.includes("<svg")) throw new Error("Graphviz returned no SVG");
  return svg;
}
