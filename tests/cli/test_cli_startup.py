"""The CLI's lazy command table: start-up imports no command module, and the table is complete."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import interop.cli as cli_package


def test_command_table_matches_what_the_modules_register():
    """Every *_cmd(s) module is named in COMMAND_MODULES for exactly the commands it registers."""
    cli = cli_package.load_all_commands()
    modules = sorted(m.name for m in pkgutil.iter_modules(cli_package.__path__) if m.name.endswith(("_cmd", "_cmds")))
    registered = {name: command.callback.__module__.rsplit(".", 1)[1] for name, command in cli.commands.items()}
    assert registered == cli_package.COMMAND_MODULES
    assert sorted(set(cli_package.COMMAND_MODULES.values())) == modules


def test_version_imports_no_command_module_nor_the_model_layer():
    code = (
        "import sys\n"
        "from interop.cli import main\n"
        "assert main(['--version']) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('interop.') or m in ('yaml', 'networkx', 'ryml'))\n"
        "print(' '.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = out.splitlines()[-1].split()
    assert "interop.cli" in loaded
    heavy = [m for m in loaded if m.startswith(("interop.model", "interop.analysis", "interop.render", "interop.cli."))]
    assert heavy == [] and not {"yaml", "networkx", "ryml"} & set(loaded), loaded


def test_a_command_is_imported_on_demand(capsys):
    assert cli_package.main(["spof", "--help"]) == 0
    assert "interop.cli.analysis_cmds" in sys.modules
    assert "--max-order" in capsys.readouterr().out
