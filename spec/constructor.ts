// The constructor's name, shared by the validator (which allows this one dunder), the
// lowering (which exports it so its parameter types are in the code) and the node layer
// (which runs it only at deploy). spec/CONSTRUCTORS.md says why it is `__init__`.
export const CONSTRUCTOR = '__init__';
