/**
 * Bilingual kernel vocabulary: each group is one concept, and a query for any term also finds the others.
 * Keep groups small and exact; a loose synonym makes every search noisier.
 */
export const GLOSSARY: string[][] = [
  ['虚拟化', 'virtualization', 'virtualisation'],
  ['虚拟机', 'vm', 'virtual machine', 'guest'],
  ['垃圾回收', 'gc', 'garbage collection'],
  ['内存', 'memory'],
  ['挂载', 'mount'],
  ['卸载', 'umount', 'unmount'],
  ['文件系统', 'filesystem', 'file system', 'fs'],
  ['影子栈', 'shadow stack', 'shstk'],
  ['页表', 'page table'],
  ['页面大小', 'page size'],
  ['补丁', 'patch'],
  ['快速提交', 'fast commit', 'fast commits'],
  ['日志', 'journal', 'journaling'],
  ['中断', 'interrupt', 'irq'],
  ['调度', 'scheduler', 'scheduling'],
  ['系统调用', 'syscall', 'system call'],
  ['超级块', 'superblock'],
  ['元数据', 'metadata'],
  ['驱动', 'driver'],
  ['设备', 'device'],
  ['通信', 'communication'],
  ['安全', 'security'],
  ['权限', 'permission'],
  ['加密', 'encryption', 'crypto'],
  ['网络', 'network', 'networking'],
  ['存储', 'storage'],
  ['地址空间', 'address space'],
  ['共享虚拟地址', 'shared virtual addressing', 'sva'],
  ['控制流', 'control flow', 'control-flow'],
  ['体系架构', 'architecture', 'arch'],
  ['块设备', 'block device', 'block layer'],
  ['直通', 'passthrough', 'pass-through'],
  ['性能', 'performance'],
  ['寄存器', 'register', 'registers'],
  ['上下文切换', 'context switch', 'context switching'],
  ['嵌套', 'nested'],
  ['心跳', 'heartbeat'],
  ['敏感信息', 'sensitive information'],
];

/** Meilisearch wants a map from each term to all the others in its group. */
export function synonymMap(groups: string[][] = GLOSSARY): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) map[term] = [...new Set([...(map[term] ?? []), ...group.filter((t) => t !== term)])];
  }
  return map;
}
