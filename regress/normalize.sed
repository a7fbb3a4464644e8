# normalize.sed: the only masking the regress suite does. Each rule says why it exists.
# The shell's error prefix differs between versions ("Runtime error near line N:", "Parse error
# near line N:", "Error: near line N:"); the message after it is the contract, so keep only that.
s/^(Runtime|Parse) error near line [0-9]+: /ERROR: /
s/^Error: near line [0-9]+: /ERROR: /
s/^Error: /ERROR: /
