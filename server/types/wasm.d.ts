/** A WebAssembly file imported as a compiled module (the edge build: Nitro's `experimental.wasm`). */
declare module '*.wasm?module' {
  const module: WebAssembly.Module
  export default module
}
