/**
 * Which source: turns a spec ("opencv:0,1", "replay:DIR", "synthetic", "auto", ...) into an open
 * {@link io.github.stereostation.capture.StereoSource}, once, for every command, the live loop and the window
 * ({@link io.github.stereostation.source.StereoSources}, answering with an
 * {@link io.github.stereostation.source.OpenedSource}). It stands above {@code capture} (cameras, videos, replays)
 * and {@code sim} (the synthetic rig): {@code capture} does not know the synthetic rig exists.
 */
package io.github.stereostation.source;
