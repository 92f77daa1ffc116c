package io.parley.naming;

import java.util.List;

/**
 * The outcome of a {@link Resolver} lookup: the final reply ({@link Answer} or {@link NotFound}),
 * where it came from ({@code hit} = this resolver's own cache) and the steps taken — for an iterative
 * lookup, the referral chain from the root down.
 */
public record Resolved(Reply reply, CacheStatus cache, List<ServerReply> steps) {

    public Resolved {
        steps = List.copyOf(steps);
    }

    public boolean found() {
        return reply instanceof Answer;
    }

    /** The answer; throws {@link NameNotFoundException} if the name does not exist. */
    public Answer answer() {
        if (reply instanceof Answer answer) {
            return answer;
        }
        throw new NameNotFoundException((NotFound) reply);
    }
}
