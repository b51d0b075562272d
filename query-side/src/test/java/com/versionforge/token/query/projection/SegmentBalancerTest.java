package com.versionforge.token.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentBalancerTest {

    @Test
    void givesEachOfTwoNodesHalfOfAnEvenNumberOfSegments() {
        assertThat(SegmentBalancer.shareOf(4, 2)).isEqualTo(2);
    }

    @Test
    void roundsAShareUpSoThatEverySegmentHasANode() {
        assertThat(SegmentBalancer.shareOf(4, 3)).isEqualTo(2);
        assertThat(SegmentBalancer.shareOf(1, 2)).isEqualTo(1);
    }

    @Test
    void leavesEverySegmentToANodeThatIsAlone() {
        assertThat(SegmentBalancer.shareOf(4, 1)).isEqualTo(4);
    }

    @Test
    void countsANodeThatHasNotAnnouncedItselfYetAsAlone() {
        assertThat(SegmentBalancer.shareOf(4, 0)).isEqualTo(4);
    }
}
