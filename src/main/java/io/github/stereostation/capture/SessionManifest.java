package io.github.stereostation.capture;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code session.json} of a recorded session: what was recorded, with which settings, and every pair with its
 * sequence number and both capture timestamps. See README "Cameras and recording" for the layout.
 *
 * @param format      always {@value #FORMAT}
 * @param version     {@value #VERSION}
 * @param source      the source description, e.g. "cameras 0+1"
 * @param startedAt   wall-clock start, ISO-8601 UTC (information only; timestamps are on the monotonic clock)
 * @param imageFormat {@code png} or {@code mjpeg}
 * @param camera      the camera settings in effect
 * @param leftVideo   for mjpeg: the left video file name ({@code left.avi}); null for png
 * @param rightVideo  for mjpeg: the right video file name; null for png
 * @param frames      the recorded pairs in order; for mjpeg, entry i is frame i of both videos
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionManifest(String format, int version, String source, String startedAt, String imageFormat,
                              CameraSettings camera, String leftVideo, String rightVideo, List<Entry> frames) {

    public static final String FILE_NAME = "session.json";
    public static final String FORMAT = "stereo-station-session";
    public static final int VERSION = 1;

    /**
     * One recorded pair.
     *
     * @param left  png file name of the left image (null for mjpeg)
     * @param right png file name of the right image (null for mjpeg)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(long sequence, long leftNanos, long rightNanos, String left, String right) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dir) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.writeNow(dir.resolve(FILE_NAME), out -> out.write(bytes)); // the listing of what is safely on disk
    }

    /** Reads {@code dir/session.json}; a missing or malformed file is the user's error, named in the message. */
    public static SessionManifest read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": no session.json (not a recorded session)");
        }
        SessionManifest m;
        try {
            m = JSON.readValue(file.toFile(), SessionManifest.class);
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException(file + ": not a valid session file: " + why, e);
        }
        if (m == null || !FORMAT.equals(m.format())) {
            throw new UserInputException(file + ": expected \"format\": \"" + FORMAT + "\"");
        }
        if (m.version() > VERSION) {
            throw new UserInputException(file + ": session version " + m.version() + " is newer than this program reads ("
                    + VERSION + ")");
        }
        if (m.frames() == null) {
            throw new UserInputException(file + ": no \"frames\" list");
        }
        RecordingFormat.parse(m.imageFormat());
        return m;
    }
}
