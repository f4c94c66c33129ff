package io.github.stereostation.cli;

import io.github.stereostation.depth.OnnxTestModelsAccess;
import io.github.stereostation.models.ModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.stereostation.cli.MonoCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The models command end to end: listing the shipped sidecars, fetching and installing over loopback HTTP. */
class ModelsCommandTest {

    @TempDir
    Path folder;

    @Test
    void listsTheShippedModelsWithSizeLicenceAndInput() {
        MonoCommandTest.Run r = run("models");

        assertThat(r.code()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[1]).startsWith("midas-small").contains("MiDaS v2.1 small", "66.8 MB", "256x256",
                "MIT");
        assertThat(lines[2]).startsWith("depth-anything-v2-small").contains("99.1 MB",
                "518, aspect kept", "Apache-2.0");
        assertThat(r.out()).doesNotContain("Base", "Large");
    }

    @Test
    void fetchInstallsAVerifiedFileAndListSaysWhere() throws Exception {
        byte[] onnx = OnnxTestModelsAccess.linearDepth(16L, 16L, new float[]{1, 0, 0}, 0f);
        try (ModelServer server = new ModelServer(onnx)) {
            ModelServer.sidecar(folder, "tiny", server.url("/model.onnx"), onnx.length, ModelServer.sha256(onnx));

            MonoCommandTest.Run fetch = run("models", "--folder", folder.toString(), "fetch", "tiny");

            assertThat(fetch.code()).as(fetch.err()).isZero();
            assertThat(fetch.out()).contains("installed " + folder.resolve("tiny.onnx") + " (SHA-256 verified: "
                    + ModelServer.sha256(onnx) + ")");
            assertThat(fetch.err()).contains("100% 0.0 / 0.0 MB"); // not a terminal: one line per tenth
            assertThat(Files.readAllBytes(folder.resolve("tiny.onnx"))).isEqualTo(onnx);
            assertThat(run("models", "--folder", folder.toString()).out()).contains(folder.resolve("tiny.onnx").toString());
        }
    }

    @Test
    void aFailedFetchIsOneLineAndExitCode2() throws Exception {
        try (ModelServer server = new ModelServer(new byte[10])) {
            ModelServer.sidecar(folder, "tiny", server.url("/gone.onnx"), 10, null);

            MonoCommandTest.Run fetch = run("models", "--folder", folder.toString(), "fetch", "tiny");

            assertThat(fetch.code()).isEqualTo(2);
            assertThat(fetch.err().strip()).isEqualTo("error: " + server.url("/gone.onnx")
                    + ": HTTP 404 Not Found; nothing was installed");
            assertThat(run("models", "--folder", folder.toString(), "fetch", "nope").err())
                    .contains("error: no known model 'nope'; known: tiny");
        }
    }

    @Test
    void installChecksAKnownModelAndWarnsAboutAnUnknownOne() throws Exception {
        byte[] onnx = OnnxTestModelsAccess.linearDepth(16L, 16L, new float[]{1, 0, 0}, 0f);
        ModelServer.sidecar(folder, "tiny", java.net.URI.create("http://127.0.0.1:9/x"), onnx.length,
                ModelServer.sha256(onnx));
        Path elsewhere = Files.createDirectory(folder.resolve("downloads"));
        Files.write(elsewhere.resolve("weights.onnx"), onnx);

        // recognised by its checksum although its name differs
        MonoCommandTest.Run ok = run("models", "--folder", folder.toString(), "install",
                elsewhere.resolve("weights.onnx").toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("installed " + folder.resolve("tiny.onnx") + " (Tiny test net, SHA-256 verified)");
        Files.delete(folder.resolve("tiny.onnx"));

        // named like the known model but other bytes: refused, nothing installed
        byte[] other = OnnxTestModelsAccess.linearDepth(16L, 16L, new float[]{0, 1, 0}, 0f);
        Files.write(elsewhere.resolve("tiny.onnx"), other);
        MonoCommandTest.Run refused = run("models", "--folder", folder.toString(), "install",
                elsewhere.resolve("tiny.onnx").toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("does not match the pinned " + ModelServer.sha256(onnx));
        assertThat(folder.resolve("tiny.onnx")).doesNotExist();

        // an unknown model with its sidecar: installed, with a warning that it is not verified
        Files.write(elsewhere.resolve("mine.onnx"), other);
        Files.writeString(elsewhere.resolve("mine.yaml"), Files.readString(folder.resolve("tiny.yaml"))
                .replace("model: tiny.onnx", "model: mine.onnx").replaceAll("(?s)download:.*", ""));
        MonoCommandTest.Run unknown = run("models", "--folder", folder.toString(), "install",
                elsewhere.resolve("mine.onnx").toString());
        assertThat(unknown.code()).as(unknown.err()).isZero();
        assertThat(unknown.err()).contains("warning: " + elsewhere.resolve("mine.onnx") + " could not be verified");
        assertThat(folder.resolve("mine.onnx")).exists();
        assertThat(folder.resolve("mine.yaml")).exists();

        // an unknown file without a sidecar: refused
        Files.write(elsewhere.resolve("bare.onnx"), new byte[]{1, 2, 3});
        MonoCommandTest.Run bare = run("models", "--folder", folder.toString(), "install",
                elsewhere.resolve("bare.onnx").toString());
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("not a known model").contains("no sidecar beside it");
    }
}
