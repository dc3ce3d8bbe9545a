// The few parts of jstat (which ships no types) that the statistics use.
declare module 'jstat' {
  const jStat: {
    readonly studentt: { inv(p: number, dof: number): number; cdf(x: number, dof: number): number };
    readonly normal: { inv(p: number, mean: number, sd: number): number };
  };
  export default jStat;
}
