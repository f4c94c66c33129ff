package io.github.stereostation.capture;

/**
 * Counters of a {@link StereoPairer}.
 *
 * @param delivered       pairs handed out (skew within the bound)
 * @param dropped         pairs whose two frames belonged together but were further apart than the bound
 * @param unmatchedLeft   left frames that had no right partner (the right camera missed that frame)
 * @param unmatchedRight  right frames that had no left partner
 * @param meanSkewMillis  mean skew of the delivered pairs (0 when none)
 * @param maxSkewMillis   largest skew of the delivered pairs (0 when none)
 * @param maxDroppedSkewMillis largest skew among the dropped pairs (0 when none): how far over the bound they were
 */
public record PairingStats(long delivered, long dropped, long unmatchedLeft, long unmatchedRight,
                           double meanSkewMillis, double maxSkewMillis, double maxDroppedSkewMillis) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d pairs delivered, %d dropped (skew over bound, max %.1f ms), %d left + %d right frames unmatched, "
                        + "skew mean %.2f ms, max %.2f ms",
                delivered, dropped, maxDroppedSkewMillis, unmatchedLeft, unmatchedRight, meanSkewMillis, maxSkewMillis);
    }
}
