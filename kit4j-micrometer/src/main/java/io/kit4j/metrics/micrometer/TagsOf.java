package io.kit4j.metrics.micrometer;

import io.kit4j.metrics.LabelValues;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** kit4j label values as Micrometer tags: one tag per name, a repeated name keeping its last value. */
final class TagsOf {
    private TagsOf() {
    }

    static Tags of(LabelValues labels) {
        if (labels.isEmpty()) {
            return Tags.empty();
        }
        List<Tag> tags = new ArrayList<>(labels.size());
        for (Map.Entry<String, String> e : labels.asMap().entrySet()) {
            tags.add(Tag.of(e.getKey(), e.getValue()));
        }
        return Tags.of(tags);
    }
}
