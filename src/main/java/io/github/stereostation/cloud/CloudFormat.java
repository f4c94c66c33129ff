package io.github.stereostation.cloud;

import io.github.stereostation.UserInputException;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats clouds and meshes are written in. The extension picks the binary variant by default. */
public enum CloudFormat {
    /** Stanford PLY, binary little-endian: points with colours, meshes with faces. */
    PLY("ply", true),
    /** Stanford PLY, ASCII. */
    PLY_ASCII("ply", true),
    /** PCL's Point Cloud Data, binary (points only). */
    PCD("pcd", false),
    /** PCL's Point Cloud Data, ASCII (points only). */
    PCD_ASCII("pcd", false),
    /** Wavefront OBJ with per-vertex colours (or an MTL + texture, see ObjWriter). */
    OBJ("obj", true),
    /** glTF 2.0 binary container, as web viewers and Blender open it. */
    GLB("glb", true);

    private final String extension;
    private final boolean holdsMeshes;

    CloudFormat(String extension, boolean holdsMeshes) {
        this.extension = extension;
        this.holdsMeshes = holdsMeshes;
    }

    public String extension() {
        return extension;
    }

    public boolean holdsMeshes() {
        return holdsMeshes;
    }

    /** The same container in ASCII where the format has both (PLY, PCD); other formats are returned unchanged. */
    public CloudFormat ascii() {
        return switch (this) {
            case PLY -> PLY_ASCII;
            case PCD -> PCD_ASCII;
            default -> this;
        };
    }

    /** "ply", "ply-ascii", "pcd", "pcd-ascii", "obj", "glb" (case-insensitive). */
    public static CloudFormat byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CloudFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return f;
            }
        }
        throw new UserInputException("unknown cloud format '" + name + "' (expected ply, ply-ascii, pcd, pcd-ascii, obj or glb)");
    }

    /** The format a file name's extension names (binary variant for .ply and .pcd). */
    public static CloudFormat byExtension(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (CloudFormat f : values()) {
            if (f.extension.equals(ext)) {
                return f;
            }
        }
        throw new UserInputException(file + ": cannot tell the format from the extension '" + ext
                + "' (expected .ply, .pcd, .obj or .glb)");
    }
}
