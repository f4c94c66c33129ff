package io.github.stereostation.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.stereostation.UserInputException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a model's weights come from and how to know they are the right ones: the {@code download} section of its
 * sidecar, the one home of these facts.
 *
 * @param id      short name the user types ({@code midas-small})
 * @param url     pinned upstream URL of the ONNX file
 * @param bytes   its size in bytes (0 = not known)
 * @param sha256  its SHA-256 in lower-case hex (null = not known: a download is kept with a warning)
 * @param licence the weights' licence, as the user sees it
 * @param source  where the URL, size and checksum were found
 */
public record ModelDownload(String id, URI url, long bytes, String sha256, String licence, String source) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public ModelDownload {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a model download needs an id");
        }
        if (url == null) {
            throw new IllegalArgumentException("model " + id + ": no download url");
        }
        sha256 = sha256 == null || sha256.isBlank() ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 != null && !HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("model " + id + ": sha256 '" + sha256 + "' is not 64 hex digits");
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("model " + id + ": negative size " + bytes);
        }
        licence = licence == null ? "licence not stated" : licence;
        source = source == null ? "" : source;
    }

    /** The download section of a sidecar, or null when it has none (a model the user added by hand). */
    public static ModelDownload readFrom(Path sidecar) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            JsonNode root = yaml.readTree(sidecar.toFile());
            JsonNode section = root == null ? null : root.get("download");
            if (section == null || section.isNull()) {
                return null;
            }
            return yaml.treeToValue(section, ModelDownload.class);
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new UserInputException(sidecar + ": bad download section: " + why, e);
        }
    }

    public boolean checksumKnown() {
        return sha256 != null;
    }

    /** "66.8 MB" (decimal megabytes, as download sizes are usually quoted), or "size unknown". */
    public String sizeText() {
        return bytes > 0 ? Bytes.megabytes(bytes) : "size unknown";
    }
}
