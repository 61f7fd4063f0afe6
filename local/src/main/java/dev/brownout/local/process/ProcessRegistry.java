package dev.brownout.local.process;

/** Told of every process the local cloud starts and sees end, so that none is left behind. */
public interface ProcessRegistry {
  void started(String what, ProcessHandle process);

  void ended(ProcessHandle process);

  /** Records nothing (tests). */
  ProcessRegistry NONE =
      new ProcessRegistry() {
        @Override
        public void started(String what, ProcessHandle process) {}

        @Override
        public void ended(ProcessHandle process) {}
      };
}
