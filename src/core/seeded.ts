/**
 * Seeded, stable draws for choices that must come out the same in every process and after
 * every restart (a channel's question order, a member's next practice question): each draw
 * depends only on (seed, key), so adding or removing other keys never reorders the rest.
 */
import { unsafeSkipN, unsafeUniformIntDistribution, xoroshiro128plus } from 'pure-rand';

/** FNV-1a over UTF-16 code units: a fast, well-spread 32-bit hash of a short key. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

/** A non-negative 31-bit seed from a stable id (a channel or member id). */
export function seedFromText(text: string): number {
  return hashText(text) >>> 1;
}

/** Murmur3's finaliser over (key hash, seed), so close seeds or keys land far apart. */
function mix(keyHash: number, seed: number): number {
  let h = (keyHash ^ Math.imul(seed | 0, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** `count` uniform 31-bit draws seeded by both the seed and the key. */
export function seededDraws(seed: number, key: string, count: number): number[] {
  const rng = xoroshiro128plus(mix(hashText(key), seed));
  // xoroshiro's first output is a plain function of its seed; step past it.
  unsafeSkipN(rng, 1);
  return Array.from({ length: count }, () => unsafeUniformIntDistribution(0, 0x7fffffff, rng));
}
