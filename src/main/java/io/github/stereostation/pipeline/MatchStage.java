package io.github.stereostation.pipeline;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Computes disparity with the newest tuning settings: the settings are read once per frame (live edits apply
 * on the next frame) and the matcher is rebuilt only when they changed, so OpenCV's scratch buffers are reused
 * from frame to frame. The settings used are recorded on the job for the filter stage and the display.
 *
 * @param <S> the tuning settings type (a value record, compared with equals)
 */
public final class MatchStage<S> implements Stage {
    private final Supplier<S> settings;
    private final Function<S, PairMatcher> factory;
    private S current;
    private PairMatcher matcher;
    private volatile int builds;

    public MatchStage(Supplier<S> settings, Function<S, PairMatcher> factory) {
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
            PairMatcher fresh = factory.apply(s); // build first: bad settings keep the old matcher
            if (matcher != null) {
                matcher.close();
            }
            matcher = fresh;
            current = s;
            builds++;
        }
        job.setSettings(s);
        job.setDisparity(matcher.match(job.left(), job.right()));
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
