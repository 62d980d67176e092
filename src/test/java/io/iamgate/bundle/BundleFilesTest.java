package io.iamgate.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files of a bounded size are read as bundle files. */
class BundleFilesTest {
  @TempDir Path dir;

  @Test
  void aFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
    Path big = dir.resolve("bundle.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(BundleFiles.MAX_FILE_BYTES + 1); // sparse: nothing is written
    }
    IOException e = assertThrows(IOException.class, () -> BundleFiles.read(big));
    assertEquals(
        "`" + big + "` is 33554433 bytes; a bundle file may be at most 33554432", e.getMessage());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aDeviceIsRefusedRatherThanReadForever() {
    IOException e = assertThrows(IOException.class, () -> BundleFiles.read(Path.of("/dev/zero")));
    assertEquals("`/dev/zero` is not a regular file", e.getMessage());
  }

  @Test
  void aRegularFileIsRead() throws IOException {
    Path ok = Files.writeString(dir.resolve("b.json"), "{}");
    assertTrue(BundleFiles.read(ok).files().get(0).text().equals("{}"));
  }
}
