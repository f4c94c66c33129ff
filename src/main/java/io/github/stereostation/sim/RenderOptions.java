package io.github.stereostation.sim;

/**
 * How the synthetic cameras form images.
 *
 * @param supersampling  n: each pixel averages n² rays spread evenly over its area (box filter), placed on a
 *                       lattice that gives every ray its own row and column so that edges land to 1/n² px;
 *                       4 for tests, 2 is enough for a live preview
 * @param noiseSigmaGrey standard deviation of Gaussian sensor noise added to every channel, grey levels (0 = none)
 * @param rightGain      brightness factor of the right camera relative to the left (1 = identical cameras)
 * @param noiseSeed      seed of the noise, so noisy renders repeat exactly
 */
public record RenderOptions(int supersampling, double noiseSigmaGrey, double rightGain, long noiseSeed) {
    /** 4x4 supersampling, no noise, equal gains: for tests and ground truth. */
    public static final RenderOptions DEFAULT = new RenderOptions(4, 0, 1, 0);
    /** 2x2 supersampling: four times cheaper, for live preview. */
    public static final RenderOptions LIVE = new RenderOptions(2, 0, 1, 0);

    public RenderOptions {
        if (supersampling < 1 || supersampling > 16) {
            throw new IllegalArgumentException("supersampling must be 1..16, got " + supersampling);
        }
        if (!(noiseSigmaGrey >= 0) || !(rightGain > 0)) {
            throw new IllegalArgumentException("noise sigma must be >= 0 and gain > 0");
        }
    }

    public RenderOptions withSupersampling(int n) {
        return new RenderOptions(n, noiseSigmaGrey, rightGain, noiseSeed);
    }

    public RenderOptions withNoise(double sigmaGrey, long seed) {
        return new RenderOptions(supersampling, sigmaGrey, rightGain, seed);
    }

    public RenderOptions withRightGain(double gain) {
        return new RenderOptions(supersampling, noiseSigmaGrey, gain, noiseSeed);
    }
}
