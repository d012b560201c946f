package no.nora.bot.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventChannelsTest {

    @Test
    void aConversationsEventsArePublishedFromItsOwnSlot() {
        String key = EventChannels.slotKey(EventChannels.channel("conv:abcDEF"));

        assertThat(key).isEqualTo("{conv:abcDEF}");
        // The same hash tag as the keys the turn's commit writes and publishes beside.
        assertThat(TurnLocks.lockKey("abcDEF")).startsWith(key);
    }

    @Test
    void otherChannelsHaveASlotOfTheirOwn() {
        assertThat(EventChannels.slotKey(EventChannels.channel("agents"))).isEqualTo("{nora:events:agents}");
        assertThat(EventChannels.slotKey(TurnLocks.RELEASED)).isEqualTo("{nora:released}");
    }
}
