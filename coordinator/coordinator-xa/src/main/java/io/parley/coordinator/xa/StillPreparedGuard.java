package io.parley.coordinator.xa;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Arrays;

/**
 * Wraps an XA resource so that a failed commit or rollback never makes the transaction manager
 * forget a branch that is still prepared. pgjdbc answers {@code XAER_RMERR} for many failures of
 * {@code COMMIT PREPARED} (permissions, a broken statement, ...) while the branch stays in
 * {@code pg_prepared_xacts}; a transaction manager that takes XAER_RMERR as final may drop it,
 * leaving locks held for good. This guard asks the resource ({@code recover}) whether the branch is
 * still prepared and, if so, answers {@code XAER_RMFAIL} — "try again later" — so the transaction
 * keeps its log and recovery retries. Thread-safe if the wrapped resource is.
 */
public final class StillPreparedGuard implements XAResource {

    private static final Logger LOG = LoggerFactory.getLogger(StillPreparedGuard.class);

    private final XAResource delegate;

    public StillPreparedGuard(XAResource delegate) {
        this.delegate = delegate;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        try {
            delegate.commit(xid, onePhase);
        } catch (XAException e) {
            throw guarded("commit", xid, e, onePhase);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        try {
            delegate.rollback(xid);
        } catch (XAException e) {
            throw guarded("rollback", xid, e, false);
        }
    }

    private XAException guarded(String verb, Xid xid, XAException e, boolean onePhase) {
        if (onePhase || e.errorCode != XAException.XAER_RMERR || !stillPrepared(xid)) {
            return e;
        }
        LOG.warn("{} of prepared branch {} failed with XAER_RMERR but the branch is still prepared; answering XAER_RMFAIL so it is retried: {}",
                verb, xid, e.getMessage());
        XAException retry = new XAException(XAException.XAER_RMFAIL);
        retry.initCause(e);
        return retry;
    }

    private boolean stillPrepared(Xid xid) {
        try {
            Xid[] prepared = delegate.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
            if (prepared == null) {
                return false;
            }
            for (Xid p : prepared) {
                if (p.getFormatId() == xid.getFormatId() && Arrays.equals(p.getGlobalTransactionId(), xid.getGlobalTransactionId())
                        && Arrays.equals(p.getBranchQualifier(), xid.getBranchQualifier())) {
                    return true;
                }
            }
            return false;
        } catch (XAException e) {
            LOG.warn("cannot list prepared branches to check {}; assuming it is still prepared", xid, e);
            return true;
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        delegate.end(xid, flags);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        delegate.forget(xid);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return delegate.isSameRM(other instanceof StillPreparedGuard g ? g.delegate : other);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return delegate.prepare(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return delegate.recover(flag);
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        delegate.start(xid, flags);
    }
}
