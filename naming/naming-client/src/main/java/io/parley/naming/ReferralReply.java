package io.parley.naming;

/** An iterative answer that sends the client on to the servers of a lower zone. */
public record ReferralReply(String name, Referral referral) implements Reply {
}
