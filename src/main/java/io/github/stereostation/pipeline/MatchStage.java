package io.github.stereostation.pipeline;

import io.github.stereostation.depth.DisparityMatcher;
import io.github.stereostation.depth.RangedMatcher;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Computes disparity with the newest tuning settings: the settings are read once per frame (live edits apply
 * on the next frame) and the matcher is rebuilt only when they changed, so OpenCV's scratch buffers are reused
 * from frame to frame. The settings used are recorded on the job for the filter stage and the display, the
 * matcher's confidence map with the disparity.
 *
 * @param <S> the tuning settings type (a value record, compared with equals)
 */
public final class MatchStage<S> implements Stage {
    private final Supplier<S> settings;
    private final Function<S, DisparityMatcher> factory;
    private S current;
    private DisparityMatcher matcher;
    private volatile int builds;
    private volatile int searched;
    private volatile String rangeChoice = "";

    public MatchStage(Supplier<S> settings, Function<S, DisparityMatcher> factory) {
        this.settings = settings;
        this.factory = factory;
    }

    @Override
    public String name() {
        return "match";
    }

    @Override
    public void process(FrameJob job) {
        S s = settings.get();
        if (matcher == null || !Objects.equals(s, current)) {
            DisparityMatcher fresh = factory.apply(s); // build first: bad settings keep the old matcher
            if (matcher != null) {
                matcher.close();
            }
            matcher = fresh;
            current = s;
            builds++;
        }
        job.setSettings(s);
        job.setMatch(matcher.compute(job.left(), job.right()));
        if (matcher instanceof RangedMatcher r) {
            rangeChoice = r.rangeChoice();
            searched = r.numDisparities();
        }
    }

    /** The disparity range the last frame was searched with (full resolution), 0 before the first frame. */
    public int searchedDisparities() {
        return searched;
    }

    /** How the matcher chose that range ("given", or its estimate's own words). */
    public String rangeChoice() {
        return rangeChoice;
    }

    /** How many matchers this stage has built (1 + the number of setting changes that needed a new one). */
    public int builds() {
        return builds;
    }

    @Override
    public void close() {
        if (matcher != null) {
            matcher.close();
            matcher = null;
        }
    }
}
