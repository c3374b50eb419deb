package dev.brickproof.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code lease}, {@code signoff}): alone it is a usage error naming them. */
abstract class CommandGroup implements Callable<Integer> {
    @ParentCommand
    Brickproof root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String names = String.join("', '", spec.subcommands().keySet().stream()
                .map(name -> spec.qualifiedName() + " " + name).toList());
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try '" + names + "' (with --help for"
                + " its options)");
    }
}
