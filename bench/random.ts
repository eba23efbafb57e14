/**
 * A fixed-seed generator (mulberry32) and a normal deviate from it. Not an LCG in doubles: `state *
 * 1103515245` overflows 2^53, and that generator repeated itself after ~10k draws (the first session's
 * 200k benchmark stations were ~10k places, each many times over).
 */
export function seededRandom(seed = 20_261_202) {
  let a = seed | 0;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
  return { random, gauss };
}
