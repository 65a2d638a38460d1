// The web bundle builds the bundled citation style into itself as text (esbuild's `text` loader; see scripts/build.mjs).
declare module '*.csl' {
  const text: string;
  export default text;
}
declare module '*.xml' {
  const text: string;
  export default text;
}
