package io.github.stereostation.ui;

import io.github.stereostation.capture.ReplayControl;
import io.github.stereostation.capture.ReplaySource;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JToggleButton;
import java.awt.FlowLayout;

/**
 * The controls of a replay, shown while the station plays one: pause, one pair at a time while paused, loop
 * at the end, and the speed against the recorded clock, with where the replay stands. Hidden for cameras and
 * the synthetic rig. Event thread only; {@link #show(ReplaySource)} is called on every refresh.
 */
public final class ReplayBar extends JPanel {
    static final String[] SPEEDS = {"0.25x", "0.5x", "1x", "2x", "4x"};

    private final JToggleButton pause = new JToggleButton("Pause");
    private final JButton step = new JButton("Step ▸");
    private final JCheckBox loop = new JCheckBox("Loop");
    private final JComboBox<String> speed = new JComboBox<>(SPEEDS);
    private final JLabel where = new JLabel();
    private final Runnable restart;
    private ReplaySource replay;

    /** @param restart plays the replay again from its start (reopens the loop) */
    public ReplayBar(Runnable restart) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        this.restart = restart;
        setBorder(BorderFactory.createEmptyBorder(0, 4, 0, 4));
        add(new JLabel("Replay"));
        add(pause);
        add(step);
        add(loop);
        add(new JLabel("speed"));
        add(speed);
        add(where);
        speed.setSelectedItem("1x");
        pause.setToolTipText("Hold the replay on the pair shown");
        step.setToolTipText("Show the next pair (while paused)");
        loop.setToolTipText("Start again from the first pair at the end");
        speed.setToolTipText("Playback speed against the recorded clock (the loop's own rate is the upper limit)");
        pause.addActionListener(e -> {
            if (replay != null) {
                replay.control().setPaused(pause.isSelected());
            }
            step.setEnabled(pause.isSelected());
        });
        step.addActionListener(e -> {
            if (replay != null) {
                replay.control().step();
            }
        });
        loop.addActionListener(e -> {
            if (replay != null) {
                replay.control().setLoop(loop.isSelected());
                if (loop.isSelected() && replay.status().state() == io.github.stereostation.capture.SourceStatus.State.ENDED) {
                    restart.run(); // it already stopped at its end: start it again
                }
            }
        });
        speed.addActionListener(e -> {
            if (replay != null) {
                replay.control().setSpeed(speedOf((String) speed.getSelectedItem()));
            }
        });
        step.setEnabled(false);
        setVisible(false);
    }

    static double speedOf(String label) {
        return Double.parseDouble(label.substring(0, label.length() - 1));
    }

    /** Follows the loop's replay (null: none), keeping the user's choices when the replay is reopened. */
    public void show(ReplaySource r) {
        if (r != replay) {
            replay = r;
            if (r != null) {
                ReplayControl c = r.control();
                c.setPaced(true);
                c.setSpeed(speedOf((String) speed.getSelectedItem()));
                c.setLoop(loop.isSelected() && r.canLoop());
                c.setPaused(pause.isSelected());
                loop.setEnabled(r.canLoop());
                loop.setToolTipText(r.canLoop() ? "Start again from the first pair at the end"
                        : "A recording in video files plays once");
            }
            setVisible(r != null);
            revalidate();
        }
        if (r != null) {
            String text = "pair " + Math.min(r.size(), r.position()) + " of " + r.size();
            if (!text.equals(where.getText())) {
                where.setText(text);
            }
        }
    }

    JToggleButton pauseButton() {
        return pause;
    }

    JButton stepButton() {
        return step;
    }

    JCheckBox loopBox() {
        return loop;
    }

    JComboBox<String> speedBox() {
        return speed;
    }
}
