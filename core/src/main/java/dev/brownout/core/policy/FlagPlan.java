package dev.brownout.core.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The value every feature flag should have, in catalog order, each with its reasons. */
public record FlagPlan(Map<String, Flag> flags) {

  /**
   * @param reasons why it is off (or forced); empty for a feature that is simply on
   */
  public record Flag(boolean on, List<Reason> reasons) {
    public Flag {
      reasons = List.copyOf(reasons);
    }
  }

  public FlagPlan {
    flags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flags));
  }

  public boolean isOn(String feature) {
    Flag flag = flags.get(feature);
    if (flag == null) {
      throw new IllegalArgumentException("no feature is named \"" + feature + "\"");
    }
    return flag.on();
  }

  /** Feature name to on/off, as the SSM parameters hold them. */
  public Map<String, Boolean> values() {
    Map<String, Boolean> values = new LinkedHashMap<>();
    flags.forEach((name, flag) -> values.put(name, flag.on()));
    return values;
  }
}
