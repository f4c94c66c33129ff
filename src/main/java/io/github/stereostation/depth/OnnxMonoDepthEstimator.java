package io.github.stereostation.depth;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.stereostation.OpenCvNative;
import io.github.stereostation.UserInputException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.awt.EventQueue;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Monocular depth through ONNX Runtime (MiDaS, Depth-Anything and anything else described by a
 * {@link MonoModelSpec} sidecar). The session is created once, with a chosen number of intra-op threads, and
 * reused; the ONNX Runtime environment is one per process. Owns the native session, hence AutoCloseable.
 */
public final class OnnxMonoDepthEstimator implements MonoDepthEstimator {

    /** Images above this many pixels are downscaled first (with a note) so that a huge photo cannot exhaust memory. */
    public static final long DEFAULT_MAX_PIXELS = 16_000_000L;

    private static volatile OrtEnvironment environment;

    private final Path modelFile;
    private final MonoModelSpec spec;
    private final int threads;
    private final long maxPixels;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;
    private final int fixedWidth;   // 0 when the model's input width is dynamic
    private final int fixedHeight;
    private final ExecutorService worker;
    private boolean closed; // guarded by this

    /** Opens a model with the sidecar next to it ({@code X.onnx} + {@code X.yaml}). */
    public static OnnxMonoDepthEstimator open(Path modelFile, int threads) {
        Path sidecar = MonoModelSpec.sidecarOf(modelFile);
        if (sidecar == null) {
            throw new UserInputException(modelFile + ": no sidecar next to it (expected "
                    + MonoModels.baseName(modelFile) + ".yaml or .json saying how to feed the model; see models/README.md)");
        }
        return new OnnxMonoDepthEstimator(modelFile, MonoModelSpec.read(sidecar), threads, DEFAULT_MAX_PIXELS);
    }

    /** More threads than this only make them wait for each other; a typo (100000) would exhaust the machine. */
    public static final int MAX_THREADS_PER_CORE = 4;
    /** The value's name, as {@link io.github.stereostation.InvalidValueException#field()} gives it. */
    public static final String THREADS = "threads";

    /**
     * @param threads   intra-op threads; 0 or less = one per core
     * @param maxPixels larger images are downscaled to this many pixels before estimation
     */
    public OnnxMonoDepthEstimator(Path modelFile, MonoModelSpec spec, int threads, long maxPixels) {
        OpenCvNative.load();
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > MAX_THREADS_PER_CORE * cores) {
            throw new io.github.stereostation.InvalidValueException(THREADS, THREADS + " " + threads + ": expected 0 (one per core) to "
                    + MAX_THREADS_PER_CORE * cores + " (" + MAX_THREADS_PER_CORE + " per core on this machine's " + cores + ")");
        }
        this.modelFile = modelFile;
        this.spec = spec.validated(null);
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.maxPixels = maxPixels;
        if (!Files.isRegularFile(modelFile)) {
            throw new UserInputException(modelFile + ": model file not found (expected the " + spec.name()
                    + " ONNX file there; see models/README.md for where to download it)");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(this.threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment().createSession(modelFile.toString(), options);
        } catch (OrtException e) {
            throw new UserInputException(modelFile + ": not a loadable ONNX model (" + firstLine(e) + ")", e);
        }
        try {
            String[] io = checkShapes();
            inputName = io[0];
            outputName = io[1];
            long[] in = ((TensorInfo) session.getInputInfo().get(inputName).getInfo()).getShape();
            fixedHeight = in[2] > 0 ? (int) in[2] : 0;
            fixedWidth = in[3] > 0 ? (int) in[3] : 0;
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            if (e instanceof UserInputException u) {
                throw u;
            }
            throw new UserInputException(modelFile + ": cannot read the model's inputs and outputs (" + firstLine(e) + ")", e);
        }
        if (fixedWidth > 0 && fixedHeight > 0 && !spec.keepAspect() && spec.inputWidth() > 0
                && (spec.inputWidth() != fixedWidth || spec.inputHeight() != fixedHeight)) {
            closeQuietly();
            throw new UserInputException(modelFile + ": the model takes " + fixedWidth + "x" + fixedHeight
                    + " images but its sidecar says " + spec.inputWidth() + "x" + spec.inputHeight()
                    + " (wrong model or wrong sidecar?)");
        }
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mono-depth");
            t.setDaemon(true);
            return t;
        });
    }

    private static OrtEnvironment environment() {
        if (environment == null) {
            synchronized (OnnxMonoDepthEstimator.class) {
                if (environment == null) {
                    environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "stereo-station");
                }
            }
        }
        return environment;
    }

    /** Input must be one float NCHW image tensor with 3 channels; output one float map (HxW, 1xHxW or 1x1xHxW). */
    private String[] checkShapes() throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String expectedIn = "one float input of shape 1x3xHxW (NCHW image)";
        if (inputs.size() != 1) {
            throw new UserInputException(modelFile + ": the model has " + inputs.size() + " inputs " + inputs.keySet()
                    + ", expected " + expectedIn);
        }
        NodeInfo in = inputs.values().iterator().next();
        if (!(in.getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
            throw new UserInputException(modelFile + ": input '" + in.getName() + "' is " + in.getInfo()
                    + ", expected " + expectedIn);
        }
        long[] s = ti.getShape();
        if (s.length != 4 || (s[0] > 1) || (s[1] != 3 && s[1] > 0)) {
            throw new UserInputException(modelFile + ": input '" + in.getName() + "' has shape " + shape(s)
                    + ", expected " + expectedIn);
        }
        if (outputs.isEmpty()) {
            throw new UserInputException(modelFile + ": the model has no outputs, expected a depth map");
        }
        NodeInfo out = outputs.values().iterator().next();
        String expectedOut = "a float depth map of shape HxW, 1xHxW or 1x1xHxW";
        if (!(out.getInfo() instanceof TensorInfo to) || to.type != OnnxJavaType.FLOAT) {
            throw new UserInputException(modelFile + ": output '" + out.getName() + "' is " + out.getInfo()
                    + ", expected " + expectedOut);
        }
        long[] o = to.getShape();
        boolean ok = switch (o.length) {
            case 2 -> true;
            case 3 -> o[0] <= 1;
            case 4 -> o[0] <= 1 && o[1] <= 1;
            default -> false;
        };
        if (!ok) {
            throw new UserInputException(modelFile + ": output '" + out.getName() + "' has shape " + shape(o)
                    + ", expected " + expectedOut);
        }
        return new String[]{in.getName(), out.getName()};
    }

    private static String shape(long[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : "x").append(s[i] < 0 ? "?" : Long.toString(s[i]));
        }
        return b.length() == 0 ? "(scalar)" : b.toString();
    }

    /** The network input size (width, height) used for an image of this size. */
    public int[] networkInputSize(int imageWidth, int imageHeight) {
        if (fixedWidth > 0 && fixedHeight > 0) {
            return new int[]{fixedWidth, fixedHeight};
        }
        int[] wh = spec.dynamicInputSize(imageWidth, imageHeight);
        return new int[]{fixedWidth > 0 ? fixedWidth : wh[0], fixedHeight > 0 ? fixedHeight : wh[1]};
    }

    public MonoModelSpec spec() {
        return spec;
    }

    public Path modelFile() {
        return modelFile;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String describe() {
        return spec.name() + " from " + modelFile + ", input '" + inputName + "' "
                + (fixedWidth > 0 && fixedHeight > 0 ? fixedWidth + "x" + fixedHeight : "dynamic size")
                + ", output '" + outputName + "', " + threads + " threads";
    }

    @Override
    public MonoDepth estimate(Mat image) {
        if (EventQueue.isDispatchThread()) {
            throw new IllegalStateException("mono depth estimation blocks for a long time: run it off the event thread"
                    + " (estimateAsync)");
        }
        if (image == null || image.empty()) {
            throw new UserInputException("mono depth: the image is empty");
        }
        int depth = CvType.depth(image.type());
        if (depth != CvType.CV_8U || !(image.channels() == 1 || image.channels() == 3 || image.channels() == 4)) {
            throw new UserInputException("mono depth: expected an 8-bit grey, BGR or BGRA image, got "
                    + CvType.typeToString(image.type()));
        }
        String note = "";
        Mat bgr = new Mat();
        Mat small = null;
        try {
            Mat src = image;
            long pixels = (long) image.cols() * image.rows();
            if (pixels > maxPixels) {
                double s = Math.sqrt((double) maxPixels / pixels);
                int w = Math.max(1, (int) Math.floor(image.cols() * s));
                int h = Math.max(1, (int) Math.floor(image.rows() * s));
                small = new Mat();
                Imgproc.resize(image, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
                note = "image " + image.cols() + "x" + image.rows() + " was downscaled to " + w + "x" + h
                        + " for mono depth (limit " + maxPixels + " pixels)";
                src = small;
            }
            switch (src.channels()) {
                case 1 -> Imgproc.cvtColor(src, bgr, Imgproc.COLOR_GRAY2BGR);
                case 4 -> Imgproc.cvtColor(src, bgr, Imgproc.COLOR_BGRA2BGR);
                default -> src.copyTo(bgr);
            }
            Mat inverse = infer(bgr);
            return new MonoDepth(inverse, spec.name(), note);
        } finally {
            bgr.release();
            if (small != null) {
                small.release();
            }
        }
    }

    /** Runs {@link #estimate} on this estimator's own worker thread; the image is copied first. */
    public CompletableFuture<MonoDepth> estimateAsync(Mat image) {
        Mat copy = image.clone();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return estimate(copy);
            } finally {
                copy.release();
            }
        }, worker);
    }

    private synchronized Mat infer(Mat bgr) {
        if (closed) {
            throw new IllegalStateException("the mono depth estimator for " + modelFile + " is closed");
        }
        int[] wh = networkInputSize(bgr.cols(), bgr.rows());
        float[] nchw = MonoPreprocessor.toTensor(bgr, wh[0], wh[1], spec);
        long[] inShape = {1, 3, wh[1], wh[0]};
        Mat raw = new Mat();
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment(), FloatBuffer.wrap(nchw), inShape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            OnnxValue value = result.get(outputName).orElseThrow();
            if (!(value instanceof OnnxTensor out)) {
                throw new UserInputException(modelFile + ": output '" + outputName + "' is not a tensor");
            }
            long[] s = out.getInfo().getShape();
            int outH = (int) s[s.length - 2];
            int outW = (int) s[s.length - 1];
            long batchAndChannels = 1;
            for (int i = 0; i < s.length - 2; i++) {
                batchAndChannels *= s[i];
            }
            if (batchAndChannels != 1 || outH <= 0 || outW <= 0) {
                throw new UserInputException(modelFile + ": output '" + outputName + "' came out as " + shape(s)
                        + ", expected a single HxW depth map");
            }
            FloatBuffer fb = out.getFloatBuffer();
            float[] data = new float[outH * outW];
            fb.get(data);
            if (!spec.outputIsInverseDepth()) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = data[i] > 0 ? 1f / data[i] : 0f;
                }
            }
            raw.create(outH, outW, CvType.CV_32FC1);
            raw.put(0, 0, data);
            return MonoPreprocessor.resizeBack(raw, bgr.cols(), bgr.rows(), spec);
        } catch (OrtException e) {
            throw new UserInputException(modelFile + ": inference failed for a " + wh[0] + "x" + wh[1]
                    + " input (" + firstLine(e) + ")", e);
        } finally {
            raw.release();
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // the session was never usable; nothing more to release
        }
    }

    /** Waits for a running estimate (closing a session mid-run would crash natively), then frees the session. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!closed) {
                closed = true;
                closeQuietly();
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
