package io.github.stereostation.cli;

/**
 * A command whose files must reach the disk as it runs, such as a recording whose every listed pair has to
 * survive a crash. Other commands' files are held back and appear together when the command succeeds.
 */
interface WritesAsItGoes {
}
