/** The part of mapshaper's Node API (0.7.x ships no types) that the map build uses. mapshaper is
 *  CommonJS: from ESM only the default export exists (`import mapshaper from 'mapshaper'`). */
declare module 'mapshaper' {
  interface Mapshaper {
    /**
     * Runs a mapshaper command line against in-memory input files (file name -> content; a GeoJSON
     * object is accepted as content) and resolves to the `-o` outputs, file name -> content
     * (a Buffer for GeoJSON output in 0.7.70; typed loosely).
     */
    applyCommands(commands: string, input?: Record<string, unknown>): Promise<Record<string, string | Uint8Array>>;
  }
  const mapshaper: Mapshaper;
  export default mapshaper;
}
