package dev.brickproof.suites;

import dev.brickproof.rig.run.Shard;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.testng.IDataProviderInterceptor;
import org.testng.IDataProviderMethod;
import org.testng.IMethodInstance;
import org.testng.IMethodInterceptor;
import org.testng.ITestContext;
import org.testng.ITestNGMethod;

/**
 * Runs only this CI runner's share of a suite ({@code -Dbrickproof.shard=i/n}, see {@link Shard}): rows of
 * parameterised scenarios go round-robin over the shards, unparameterised tests go whole to one shard. With no
 * shard set every row and test runs. Registered as a listener in the suite XML files.
 */
public final class ShardInterceptor implements IDataProviderInterceptor, IMethodInterceptor {
    private final Shard shard;

    public ShardInterceptor() {
        this(Shard.fromSystemProperty());
    }

    public ShardInterceptor(Shard shard) {
        this.shard = shard;
    }

    @Override
    public Iterator<Object[]> intercept(Iterator<Object[]> rows, IDataProviderMethod provider, ITestNGMethod method,
                                        ITestContext context) {
        if (shard.isAll() || everyShard(method)) {
            return rows;
        }
        List<Object[]> mine = new ArrayList<>();
        String test = method.getQualifiedName();
        for (int row = 0; rows.hasNext(); row++) {
            Object[] values = rows.next();
            if (shard.takesRow(test, row)) {
                mine.add(values);
            }
        }
        return mine.iterator();
    }

    @Override
    public List<IMethodInstance> intercept(List<IMethodInstance> methods, ITestContext context) {
        if (shard.isAll()) {
            return methods;
        }
        List<IMethodInstance> mine = new ArrayList<>();
        for (IMethodInstance m : methods) {
            ITestNGMethod method = m.getMethod();
            if (method.isDataDriven() || everyShard(method) || shard.takesTest(method.getQualifiedName())) {
                mine.add(m);
            }
        }
        return mine;
    }

    private static boolean everyShard(ITestNGMethod method) {
        return method.getConstructorOrMethod().getMethod() != null
                && method.getConstructorOrMethod().getMethod().isAnnotationPresent(EveryShard.class);
    }
}
