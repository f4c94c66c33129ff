package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;
import io.github.stereostation.io.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes clouds and meshes in one file format. {@link #write(Path, PointCloud)} checks the input, streams into
 * a temp file beside the target and renames it into place, so a failure (a full disk, a bad point) never
 * leaves a partial file under the target's name. Coordinates are metres.
 */
public interface PointCloudWriter {

    CloudFormat format();

    /** Streams the cloud; the cloud must be non-empty and finite (see {@link #requireWritable}). */
    void writeCloud(PointCloud cloud, OutputStream out) throws IOException;

    /** Streams the mesh; formats without faces refuse with a {@link UserInputException}. */
    void writeMesh(TriangleMesh mesh, OutputStream out) throws IOException;

    default void write(Path target, PointCloud cloud) throws IOException {
        requireWritable(cloud, target);
        AtomicFiles.write(target, out -> writeCloud(cloud, out));
    }

    default void write(Path target, TriangleMesh mesh) throws IOException {
        if (!format().holdsMeshes()) {
            throw new UserInputException(target + ": " + format() + " holds points only; write meshes as ply, obj or glb");
        }
        requireWritable(mesh.vertices(), target);
        AtomicFiles.write(target, out -> writeMesh(mesh, out));
    }

    static PointCloudWriter of(CloudFormat format) {
        return switch (format) {
            case PLY -> new PlyWriter(false);
            case PLY_ASCII -> new PlyWriter(true);
            case PCD -> new PcdWriter(false);
            case PCD_ASCII -> new PcdWriter(true);
            case OBJ -> new ObjWriter();
            case GLB -> new GlbWriter();
        };
    }

    /** The writer for a file name's extension (binary PLY/PCD). */
    static PointCloudWriter forPath(Path file) {
        return of(CloudFormat.byExtension(file));
    }

    /** Refuses an empty cloud or one with NaN/infinite coordinates, naming the target and the first bad point. */
    static void requireWritable(PointCloud cloud, Path target) {
        if (cloud.isEmpty()) {
            throw new UserInputException(target + ": the cloud is empty (no points survived), nothing to write");
        }
        int bad = cloud.firstNonFinite();
        if (bad >= 0) {
            float[] p = cloud.positions();
            throw new UserInputException(target + ": point " + bad + " is not finite (" + p[3 * bad] + ", "
                    + p[3 * bad + 1] + ", " + p[3 * bad + 2] + "); drop such points first (PointCloud.withoutNonFinite)");
        }
    }
}
