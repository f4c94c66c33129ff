package io.github.stereostation.sim;

import io.github.stereostation.geometry.Matrix3;

import java.util.Random;

/**
 * A solid (3D) texture: coloured multi-octave value noise evaluated at a point in the surface's own frame, so
 * it is continuous on the surface, moves with it, and looks the same from both cameras. The finest octave has
 * wavelength {@code finestMm}; three coarser octaves double it each time. {@code contrast} 0 gives a flat colour.
 */
public record ProceduralTexture(long seed, double finestMm, Rgb base, Rgb accent, double contrast) {

    public ProceduralTexture {
        if (!(finestMm > 0)) {
            throw new IllegalArgumentException("finestMm must be positive, got " + finestMm);
        }
    }

    /** A uniform colour, no pattern. */
    public static ProceduralTexture flat(Rgb colour) {
        return new ProceduralTexture(0, 1, colour, colour, 0);
    }

    /** A rich random texture: two random mid-saturation colours, strong contrast. */
    public static ProceduralTexture random(Random rng, double finestMm) {
        return new ProceduralTexture(rng.nextLong(), finestMm, randomColour(rng), randomColour(rng), 0.85);
    }

    private static Rgb randomColour(Random rng) {
        float hue = rng.nextFloat();
        float sat = 0.35f + 0.45f * rng.nextFloat();
        float val = 0.55f + 0.35f * rng.nextFloat();
        int c = java.awt.Color.HSBtoRGB(hue, sat, val);
        return new Rgb(((c >> 16) & 255) / 255.0, ((c >> 8) & 255) / 255.0, (c & 255) / 255.0);
    }

    /** The texture compiled for fast sampling (precomputed rotation, offsets and colours). */
    Sampler sampler() {
        return new Sampler(this);
    }

    /** A compiled texture; immutable and thread-safe. */
    static final class Sampler {
        private static final int OCTAVES = 4;
        private static final double[] WEIGHTS = {1.0, 0.8, 0.65, 0.55};
        private final boolean flat;
        private final double r00, r01, r02, r10, r11, r12, r20, r21, r22;
        private final double[] invWavelength = new double[OCTAVES];
        private final double[] offset = new double[OCTAVES];
        private final int[] seeds = new int[OCTAVES + 2];
        private final double invMix, invFine, contrast;
        private final double br, bg, bb, ar, ag, ab;

        Sampler(ProceduralTexture t) {
            flat = t.contrast == 0;
            long s = t.seed;
            // a seed-dependent rotation keeps the lattice from lining up with planes and box faces
            double[] m = Matrix3.fromRodrigues(new double[] {
                    0.5 + unit(s, 1), 0.3 + unit(s, 2), 0.2 + unit(s, 3)});
            r00 = m[0];
            r01 = m[1];
            r02 = m[2];
            r10 = m[3];
            r11 = m[4];
            r12 = m[5];
            r20 = m[6];
            r21 = m[7];
            r22 = m[8];
            double wavelength = t.finestMm;
            for (int k = 0; k < OCTAVES; k++) {
                invWavelength[k] = 1 / wavelength;
                offset[k] = 1000 * unit(s, 10 + k);
                wavelength *= 2;
            }
            for (int k = 0; k < seeds.length; k++) {
                seeds[k] = (int) mix(s + 31L * k);
            }
            invMix = 1 / (t.finestMm * 10);
            invFine = 1 / (t.finestMm * 1.5);
            contrast = t.contrast;
            br = t.base.r();
            bg = t.base.g();
            bb = t.base.b();
            ar = t.accent.r();
            ag = t.accent.g();
            ab = t.accent.b();
        }

        /** Colour (0..1, unlit) at a point in the surface frame (mm), into rgb[0..2]. */
        void colour(double px, double py, double pz, double[] rgb) {
            if (flat) {
                rgb[0] = br;
                rgb[1] = bg;
                rgb[2] = bb;
                return;
            }
            double x = r00 * px + r01 * py + r02 * pz;
            double y = r10 * px + r11 * py + r12 * pz;
            double z = r20 * px + r21 * py + r22 * pz;
            double lum = 0;
            for (int k = 0; k < OCTAVES; k++) {
                double inv = invWavelength[k], off = offset[k];
                lum += WEIGHTS[k] * (2 * valueNoise(x * inv + off, y * inv - off, z * inv + off, seeds[k]) - 1);
            }
            lum = 0.5 + 0.45 * lum; // the weighted sum spreads roughly over +-1
            double mix = valueNoise(x * invMix, y * invMix, z * invMix, seeds[OCTAVES]);
            mix = Math.min(1, Math.max(0, 1.6 * mix - 0.3));
            double fine = 0.12 * (2 * valueNoise(x * invFine + 7.5, y * invFine, z * invFine, seeds[OCTAVES + 1]) - 1);
            double gain = (1 - contrast) + 2 * contrast * Math.min(1, Math.max(0, lum));
            rgb[0] = clamp((br + (ar - br) * mix + fine) * gain);
            rgb[1] = clamp((bg + (ag - bg) * mix) * gain);
            rgb[2] = clamp((bb + (ab - bb) * mix - fine) * gain);
        }
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static double unit(long seed, long salt) {
        return (mix(seed * 0x9E3779B97F4A7C15L + salt) >>> 11) * 0x1.0p-53;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    // Perlin's permutation-table lattice: a few table reads per corner instead of a multiplicative hash.
    // The lattice repeats every 256 cells; per-octave offsets and the random rotation keep that invisible.
    private static final int[] PERM = new int[512];
    private static final double[] LATTICE = new double[256];

    static {
        Random rng = new Random(0x5EED);
        int[] p = new int[256];
        for (int i = 0; i < 256; i++) {
            p[i] = i;
            LATTICE[i] = (i + 0.5) / 256;
        }
        for (int i = 255; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        for (int i = 0; i < 512; i++) {
            PERM[i] = p[i & 255];
        }
    }

    /** Math.floor as an int, cheaper (it was a visible share of rendering); the same for |v| below 2^30. */
    private static int floor(double v) {
        if (!(Math.abs(v) < 0x1p30)) {
            return (int) Math.floor(v);
        }
        int i = (int) v;
        return v < i ? i - 1 : i;
    }

    /** Smooth value noise in 0..1 with C2-continuous (quintic) interpolation between lattice values. */
    static double valueNoise(double x, double y, double z, int seed) {
        int ix = floor(x), iy = floor(y), iz = floor(z);
        double fx = ix, fy = iy, fz = iz;
        double tx = x - fx, ty = y - fy, tz = z - fz;
        double u = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
        double v = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
        double w = tz * tz * tz * (tz * (tz * 6 - 15) + 10);
        int gx = (ix + seed) & 255, gy = (iy + (seed >>> 8)) & 255, gz = (iz + (seed >>> 16)) & 255;
        int a = PERM[gx] + gy, b = PERM[gx + 1] + gy;
        int aa = PERM[a] + gz, ab = PERM[a + 1] + gz, ba = PERM[b] + gz, bb = PERM[b + 1] + gz;
        double c000 = LATTICE[PERM[aa]], c001 = LATTICE[PERM[aa + 1]];
        double c010 = LATTICE[PERM[ab]], c011 = LATTICE[PERM[ab + 1]];
        double c100 = LATTICE[PERM[ba]], c101 = LATTICE[PERM[ba + 1]];
        double c110 = LATTICE[PERM[bb]], c111 = LATTICE[PERM[bb + 1]];
        double x00 = c000 + u * (c100 - c000), x10 = c010 + u * (c110 - c010);
        double x01 = c001 + u * (c101 - c001), x11 = c011 + u * (c111 - c011);
        double y0 = x00 + v * (x10 - x00), y1 = x01 + v * (x11 - x01);
        return y0 + w * (y1 - y0);
    }
}
