package io.github.stereostation.ui;

import javax.swing.TransferHandler;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Accepts image files dropped on the station window and hands the first one to "Photo → 3D". Drops are taken
 * as copies, so a file manager never deletes the photo it offered as a move. Anything that is not an image file
 * is refused with a line saying what is expected.
 */
final class PhotoDropHandler extends TransferHandler {
    /** The photo types the mono reconstruction reads (the file chooser offers the same). */
    static final String[] IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "bmp", "tif", "tiff", "webp"};

    private final Consumer<Path> openPhoto;
    private final Consumer<String> refuse;

    PhotoDropHandler(Consumer<Path> openPhoto, Consumer<String> refuse) {
        this.openPhoto = openPhoto;
        this.refuse = refuse;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        if (!support.isDataFlavorSupported(DataFlavor.javaFileListFlavor)) {
            return false;
        }
        if (support.isDrop()) {
            if ((support.getSourceDropActions() & COPY) == 0) {
                return false;
            }
            support.setDropAction(COPY);
        }
        return true;
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        List<?> files;
        try {
            files = (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
        } catch (UnsupportedFlavorException | IOException e) {
            refuse.accept("cannot read the dropped files: " + e.getMessage());
            return false;
        }
        for (Object o : files) {
            if (o instanceof File f && f.isFile() && isImage(f.getName())) {
                openPhoto.accept(f.toPath());
                return true;
            }
        }
        refuse.accept("dropped " + (files.isEmpty() ? "nothing" : files.get(0) + (files.size() > 1 ? " …" : ""))
                + ": expected an image file (" + String.join(", ", IMAGE_EXTENSIONS) + ") for Photo → 3D");
        return false;
    }

    static boolean isImage(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        for (String ext : IMAGE_EXTENSIONS) {
            if (n.endsWith("." + ext)) {
                return true;
            }
        }
        return false;
    }
}
