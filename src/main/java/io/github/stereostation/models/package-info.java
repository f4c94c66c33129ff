/**
 * Model files: which monocular depth models are known (the {@code download} section of their sidecars in
 * {@code models/}), fetching one from its pinned upstream URL with resume and a SHA-256 check, and installing a
 * file the user already has. Sits above {@code depth} (it reads its sidecars and folders) and below {@code ui}
 * and {@code cli}.
 */
package io.github.stereostation.models;
