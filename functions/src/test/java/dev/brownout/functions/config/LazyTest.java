package dev.brownout.functions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

  @Test
  void nothingIsBuiltUntilTheFirstUse() {
    AtomicInteger builds = new AtomicInteger();
    Lazy<String> lazy = new Lazy<>(() -> "client " + builds.incrementAndGet());

    assertThat(builds).hasValue(0);
    assertThat(lazy.get()).isEqualTo("client 1");
    assertThat(lazy.get()).isEqualTo("client 1");
    assertThat(builds).hasValue(1);
  }

  @Test
  void threadsThatAskAtOnceShareOneBuild() throws InterruptedException {
    AtomicInteger builds = new AtomicInteger();
    Lazy<Object> lazy =
        new Lazy<>(
            () -> {
              builds.incrementAndGet();
              return new Object();
            });
    CountDownLatch start = new CountDownLatch(1);
    List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      start.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    seen.add(lazy.get());
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(builds).hasValue(1);
    assertThat(seen).hasSize(16).containsOnly(lazy.get());
  }

  @Test
  void aBuildThatFailedIsTriedAgainAtTheNextUse() {
    AtomicInteger builds = new AtomicInteger();
    Lazy<String> lazy =
        new Lazy<>(
            () -> {
              if (builds.incrementAndGet() == 1) {
                throw new IllegalStateException("no region");
              }
              return "client";
            });

    assertThatThrownBy(lazy::get).hasMessage("no region");
    assertThat(lazy.get()).isEqualTo("client");
  }
}
